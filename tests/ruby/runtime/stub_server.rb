# frozen_string_literal: true

require 'socket'
require 'json'

# A scripted HTTP/1.1 server on loopback for the runtime tests. Every request is recorded;
# the handler answers it with [status, headers, body], or :close (drop the connection
# without an answer) or [:hang, seconds] (answer nothing for that long).
class StubServer
  Record = Struct.new(:method, :path, :headers, :body, keyword_init: true)

  attr_reader :url

  def initialize(&handler)
    @handler = handler
    @server = TCPServer.new('127.0.0.1', 0)
    @url = "http://127.0.0.1:#{@server.addr[1]}"
    @records = []
    @lock = Mutex.new
    @threads = []
    @acceptor = Thread.new { accept_loop }
  end

  def requests
    @lock.synchronize { @records.dup }
  end

  def close
    @server.close
    @acceptor.kill
    @threads.each(&:kill)
  end

  private

  def accept_loop
    loop do
      socket = @server.accept
      @threads << Thread.new(socket) { |s| serve(s) }
    end
  rescue IOError, SystemCallError
    nil
  end

  def serve(socket)
    loop do
      line = socket.gets or break
      method, path, = line.split(' ')
      headers = {}
      while (header = socket.gets) && header != "\r\n"
        name, value = header.split(':', 2)
        headers[name.strip.downcase] = value.strip
      end
      body = headers['content-length'] ? socket.read(headers['content-length'].to_i) : ''
      record = Record.new(method: method, path: path, headers: headers, body: body)
      index = @lock.synchronize { (@records << record).length - 1 }
      answer = @handler.call(record, index)
      break if answer == :close

      if answer.is_a?(Array) && answer[0] == :hang
        sleep answer[1]
        break
      end
      status, response_headers, response_body = answer
      response_body = JSON.generate(response_body) unless response_body.is_a?(String)
      head = ["HTTP/1.1 #{status} Status"]
      response_headers.merge('Content-Length' => response_body.bytesize.to_s).each { |k, v| head << "#{k}: #{v}" }
      socket.write("#{head.join("\r\n")}\r\n\r\n#{response_body}")
    end
  rescue IOError, SystemCallError
    nil
  ensure
    socket.close unless socket.closed?
  end
end
